"""What the centres' records say about a ward's year, for the floors above (assessments, plans).

Aggregates only: the personal data (learners, the register) never leaves
``centers``. A criterion of an assessment framework names the ``Topic`` its
evidence comes from (data the administrator sets on the criterion), and the
self-assessment page shows the topic's summary for the ward and year.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    NETWORK = "network", _("The learning centre and its rating")
    LITERACY = "literacy", _("Literacy and universal education")
    ADULT_LEARNING = "adult_learning", _("Adults' learning at the centre")
    LEARNING_FAMILIES = "learning_families", _("Learning families and clans")
    LEARNING_COMMUNITIES = "learning_communities", _("Learning communities and units")
