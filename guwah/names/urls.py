app_name = "names"

urlpatterns: list = []
