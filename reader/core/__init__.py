"""Reader's domain logic: pure Python, never imports Qt."""
