"""The demo newsroom: a stand-in for a publisher's CMS, with our own article text."""
