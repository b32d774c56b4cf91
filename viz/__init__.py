"""The web explorer (issue 6): pyvis cascades served by the API and written as standalone HTML."""
