// Entry of the lab's page. Replaced by the app shell.
document.body.append('Relevance Lab');
