from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "guwah.evidence"
    label = "evidence"
