"""Finding things by what people type: full-text matching, similar questions, search."""
