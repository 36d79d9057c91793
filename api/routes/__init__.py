"""The app's routers, one module per part of the service."""
