"""What is documented is tested to be documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_variable_is_documented():
    settings = (ROOT / "src/commentdesk/settings.py").read_text()
    read = set(re.findall(r'env(?:str|bool|int|list|rate)\("([A-Z_]+)"', settings))
    serve = (ROOT / "src/commentdesk/core/management/commands/serve.py").read_text()
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', serve))
    documented = (ROOT / "docs/operators/configuration.md").read_text()
    assert read, "no variables found: the pattern is out of date"
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"undocumented settings: {missing}"
