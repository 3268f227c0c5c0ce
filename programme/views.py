from django.shortcuts import render


def programme_list(request):
    return render(request, "programme/programme_list.html", {"programmes": []})
