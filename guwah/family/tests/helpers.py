"""What the family pages' tests share."""

from typing import Any

from django.test import Client


def add(client: Client, **fields: Any) -> Any:
    """Keep one relative as the page's script does, and return the answer."""
    data = {"anchor": "me", "edge": "child", **fields}
    return client.post("/family/relatives/", data, HTTP_X_REQUESTED_WITH="fetch")
