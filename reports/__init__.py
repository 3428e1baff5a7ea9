"""Report jobs and PDFs (roadmap: Reports and evaluation)."""
