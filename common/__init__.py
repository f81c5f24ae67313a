"""Small helpers every app may use (the shared bottom of the imports: nothing here imports an app)."""
