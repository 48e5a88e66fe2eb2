from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "guwah.positions"
    label = "positions"
