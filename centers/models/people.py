from django.db import models

from wards.text import strip_diacritics


class SearchableName(models.Model):
    """A person's ``full_name`` with a diacritic-free copy, so "nguyen van" finds "Nguyễn Văn"."""

    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_name = strip_diacritics(self.full_name)
        if kwargs.get("update_fields") and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)
