"""A client library for accessing MindCraft AI API (chat sessions)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
