"""Tag decisions: one vocabulary term each, checked by the database; the free-text name goes.
(A migration of its own: PostgreSQL alters no table whose rows the same transaction updated.)"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0017_tag_decisions_choose_vocabulary_terms"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(
            model_name="tagdecision",
            name="term",
        ),
        migrations.AddConstraint(
            model_name="tagdecision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind", "conditions"),
                        ("cell_source", None),
                        ("condition__isnull", False),
                        ("product_type", None),
                        ("tag_term", None),
                    ),
                    models.Q(
                        ("kind", "cell_sources"),
                        ("cell_source__isnull", False),
                        ("condition", None),
                        ("product_type", None),
                        ("tag_term", None),
                    ),
                    models.Q(
                        ("kind", "product_types"),
                        ("cell_source", None),
                        ("condition", None),
                        ("product_type__isnull", False),
                        ("tag_term", None),
                    ),
                    models.Q(
                        ("kind__in", ["origins", "routes", "procedures"]),
                        ("cell_source", None),
                        ("condition", None),
                        ("product_type", None),
                        ("tag_term__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="tag_decision_one_term",
            ),
        ),
        migrations.AddConstraint(
            model_name="tagdecision",
            constraint=models.UniqueConstraint(fields=("trial", "condition"), name="unique_condition_decision"),
        ),
        migrations.AddConstraint(
            model_name="tagdecision",
            constraint=models.UniqueConstraint(fields=("trial", "cell_source"), name="unique_cell_source_decision"),
        ),
        migrations.AddConstraint(
            model_name="tagdecision",
            constraint=models.UniqueConstraint(fields=("trial", "product_type"), name="unique_product_type_decision"),
        ),
        migrations.AddConstraint(
            model_name="tagdecision",
            constraint=models.UniqueConstraint(fields=("trial", "tag_term"), name="unique_tag_term_decision"),
        ),
    ]
