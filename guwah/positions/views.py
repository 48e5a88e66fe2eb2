from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def world_map(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html", {})
