"""The topics of the centres' records an assessment criterion can draw on (data on each criterion)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    NETWORK = "network", _("The learning centre and its rating")
    LITERACY = "literacy", _("Literacy and universal education")
    ADULT_LEARNING = "adult_learning", _("Adults' learning at the centre")
    LEARNING_FAMILIES = "learning_families", _("Learning families and clans")
    LEARNING_COMMUNITIES = "learning_communities", _("Learning communities and units")
