from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from kuza.core.tasks import send_email


class KuzaAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered now (in the person's language), sent by the worker so a slow SMTP
        # server never holds up the page.
        message: EmailMultiAlternatives = self.render_mail(template_prefix, email, context)
        html = next((body for body, kind in message.alternatives if kind == "text/html"), None)
        send_email.enqueue(
            subject=str(message.subject),
            body=message.body,
            to=list(message.to),
            html_body=html,
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        )
