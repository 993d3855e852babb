"""Questions and answers: staff ask, colleagues and managers answer, the asker accepts."""
