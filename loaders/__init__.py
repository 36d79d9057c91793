"""Loaders: read published plans (text, PDF, fill-in template) into plan graphs."""
