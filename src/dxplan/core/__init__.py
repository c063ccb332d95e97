"""Pure computation: no Django imports here (a test enforces it)."""
