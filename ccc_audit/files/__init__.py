"""Reading and writing the files of a run safely: atomic output sets."""
