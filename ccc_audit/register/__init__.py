"""The corrective-action register: columns, merge of an assessment, CSV and XLSX files."""
