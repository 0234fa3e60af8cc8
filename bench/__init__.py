"""Commentdesk against the peer Isso, side by side on one machine: ``make bench``.

See bench/README.md. Nothing here is part of the product or of the test suite.
"""
