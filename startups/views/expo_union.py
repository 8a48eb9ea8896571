"""The organisers' pages (union officers): expos, their halls and sessions, booth
applications, questions to moderate, the passport draw."""

urlpatterns = []
