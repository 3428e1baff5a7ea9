"""The sent-notification log becomes the outbox: rows are recorded with the action, rendered,
then sent; every row already there was sent."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_alter_invitation_invitation_token_unique_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("SentNotification", "Notification"),
        migrations.AlterModelOptions(
            name="notification",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "notification",
                "verbose_name_plural": "notifications",
            },
        ),
        # rows recorded before the outbox were sent when recorded
        migrations.AddField(
            model_name="notification",
            name="status",
            field=models.CharField(
                choices=[("pending", "To send"), ("sent", "Sent"), ("failed", "Not delivered")],
                default="sent",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="status",
            field=models.CharField(
                choices=[("pending", "To send"), ("sent", "Sent"), ("failed", "Not delivered")],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent at"),
        ),
        migrations.AddField(
            model_name="notification",
            name="subject",
            field=models.CharField(blank=True, max_length=300, verbose_name="subject"),
        ),
        migrations.AddField(
            model_name="notification",
            name="text",
            field=models.TextField(blank=True, verbose_name="body"),
        ),
        migrations.AddField(
            model_name="notification", name="html", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="notification",
            name="message_id",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="notification",
            name="unsubscribe_url",
            field=models.URLField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="notification",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="notification",
            name="next_attempt_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="next attempt"
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="last_error",
            field=models.CharField(blank=True, max_length=300, verbose_name="last error"),
        ),
        migrations.AddField(
            model_name="notification",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="recorded at"
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
        ),
    ]
