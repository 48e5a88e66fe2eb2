"""Visitors of the memorial, for ``bench/load.py``: each user asks for one page after another,
without pausing, picked at random from the list in ``GUWAH_LOAD_URLS``.

Every request is counted under the name ``GUWAH_LOAD_NAME``, and the run stops after
``GUWAH_LOAD_MAX_REQUESTS`` requests whatever its run time (locust itself bounds only the time).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

URLS: list[str] = json.loads(Path(os.environ["GUWAH_LOAD_URLS"]).read_text())
NAME = os.environ.get("GUWAH_LOAD_NAME", "page")
MAX_REQUESTS = int(os.environ.get("GUWAH_LOAD_MAX_REQUESTS", "60000"))
_sent = 0
_environment: Any = None


@events.init.add_listener
def _remember(environment: Any, **_kwargs: Any) -> None:
    global _environment
    _environment = environment


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self) -> None:
        global _sent
        if _sent >= MAX_REQUESTS:
            if _environment is not None and _environment.runner is not None:
                _environment.runner.quit()
            raise StopUser
        _sent += 1
        self.client.get(random.choice(URLS), name=NAME)
