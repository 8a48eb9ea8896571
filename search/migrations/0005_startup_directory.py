"""The startup directory's facet and sort columns on ``SearchEntry``.

On SQLite each new column remakes the table, which drops the FTS5 triggers and the prefix
index; ``search.backends.sqlite.schema_ensure`` finds them missing before the next read or
write and makes them again (and re-reads the rows into the full-text index). Startups reach
the index with the next ``manage.py search_index rebuild`` (or the nightly startup reindex)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0004_searchentry_stars_popular'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='followers_month',
            field=models.IntegerField(default=0),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='has_ocop',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='interest',
            field=models.IntegerField(default=0),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='looking_for',
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='sector',
            field=models.CharField(blank=True, max_length=24),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='stage',
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='verified',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='youth_team',
            field=models.BooleanField(default=False),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', '-followers_month'], name='searchentry_followed'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['kind', '-interest'], name='searchentry_interest'),
        ),
    ]
