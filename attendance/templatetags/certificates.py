"""The certificate's part of the registrant's own page (templates/attendance/_certificate_own_page.html)."""

from django import template

from attendance import certificates

register = template.Library()


@register.simple_tag
def certificate_offer(registration):
    return certificates.offer(registration)
