from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "guwah.linkage"
    label = "linkage"
