"""The five AGÉFO forms as versioned templates (roadmap: Forms workflow)."""
