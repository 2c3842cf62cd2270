"""The domain: plain typed functions, one module per noun. Views call these, never the models."""
