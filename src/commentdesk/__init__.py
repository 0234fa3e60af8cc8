"""Commentdesk: self-hosted, pre-moderated reader comments for news sites."""

__version__ = "0.1.0"
