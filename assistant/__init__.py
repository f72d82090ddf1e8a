"""Assistant: retrieval, answers with citations, drafting."""
