from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "guwah.registry"
    label = "registry"
