"""The API resources (``client.sessions``, ``client.attachments``, ...), imported on first use."""
