"""Partnership (handslag), readiness record and budget: steps 4–5 and 9–10 of the model."""
