app_name = "translation"
urlpatterns: list = []
