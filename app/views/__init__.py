"""One blueprint per audience: child, care, monitor, admin, auth, plus health."""
