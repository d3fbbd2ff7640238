"""Rule modules, one per checklist item. Loaded by path (see review_assistant.engine.rulebook), not imported."""
