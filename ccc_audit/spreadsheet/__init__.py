"""Spreadsheet building blocks shared by every workbook and CSV file ccc-audit writes.

``cells`` (standard library only) neutralises cells against formula injection and reads them
back; ``xlsx`` (openpyxl) builds tables and saves byte-stable workbooks. Both sit below the
register, the reporters, the questionnaire and the procurement reports, which all use them
without importing each other.
"""
