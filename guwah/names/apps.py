from django.apps import AppConfig


class NamesConfig(AppConfig):
    name = "guwah.names"
    label = "names"
