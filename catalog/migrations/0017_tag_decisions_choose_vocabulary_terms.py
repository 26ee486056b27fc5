"""Tag decisions choose a vocabulary row instead of naming a term in free text. Each existing
decision is pointed at the term of its name (any case); a name no vocabulary has (a decision
made before, which had already made it a public term) becomes a term, so no decision is lost."""

import django.db.models.deletion
from django.utils.text import slugify
from django.conf import settings
from django.db import migrations, models


VOCABULARIES = {"conditions": "Condition", "cell_sources": "CellSource", "product_types": "ProductType"}


def point_decisions_at_terms(apps, schema_editor):
    TagDecision = apps.get_model("catalog", "TagDecision")
    TagTerm = apps.get_model("catalog", "TagTerm")
    for decision in TagDecision.objects.all():
        name = decision.term.strip()
        if decision.kind in VOCABULARIES:
            model = apps.get_model("catalog", VOCABULARIES[decision.kind])
            term = model.objects.filter(name__iexact=name).first()
            if term is None:
                slug, number = slugify(name) or "term", 1
                while model.objects.filter(slug=slug).exists():
                    number += 1
                    slug = f"{slugify(name) or 'term'}-{number}"
                term = model.objects.create(name=name, slug=slug)
            field = {"conditions": "condition", "cell_sources": "cell_source", "product_types": "product_type"}
            setattr(decision, field[decision.kind], term)
        else:
            term = TagTerm.objects.filter(kind=decision.kind, name__iexact=name).first()
            decision.tag_term = term or TagTerm.objects.create(kind=decision.kind, name=name)
        decision.save()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0016_curator_corrections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="tagdecision",
            options={"ordering": ["trial", "kind"]},
        ),
        migrations.RemoveConstraint(
            model_name="tagdecision",
            name="unique_tag_decision",
        ),
        migrations.AddField(
            model_name="tagdecision",
            name="cell_source",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalog.cellsource",
            ),
        ),
        migrations.AddField(
            model_name="tagdecision",
            name="condition",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalog.condition",
            ),
        ),
        migrations.AddField(
            model_name="tagdecision",
            name="product_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalog.producttype",
            ),
        ),
        migrations.AddField(
            model_name="tagdecision",
            name="tag_term",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalog.tagterm",
                verbose_name="origin, route or procedure",
            ),
        ),
        migrations.AlterField(
            model_name="tagdecision",
            name="kind",
            field=models.CharField(
                choices=[
                    ("conditions", "Condition"),
                    ("cell_sources", "Cell source"),
                    ("product_types", "Product type"),
                    ("origins", "Origin"),
                    ("routes", "Route"),
                    ("procedures", "Combined procedure"),
                ],
                editable=False,
                max_length=16,
            ),
        ),
        migrations.RunPython(point_decisions_at_terms, migrations.RunPython.noop),
    ]
