from commentdesk.core import access


def desk(request):
    """Whether to show the editors' pages in the desk's navigation (evaluated only if used)."""
    user = getattr(request, "user", None)
    return {"desk_can_edit": lambda: bool(user) and access.edited_sites(user).exists()}
