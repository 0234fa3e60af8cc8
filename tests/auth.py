"""Django's test ``Client.login()`` authenticates without a request, which django-axes refuses.

This backend lets such logins through to the next backend; real sign-ins over HTTP (and the
lockout tests) always carry a request and meet axes itself.
"""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTestClient(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
