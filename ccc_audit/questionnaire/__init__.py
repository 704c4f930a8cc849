"""The self-assessment questionnaire: export the attestation questions to XLSX, import the answers."""
