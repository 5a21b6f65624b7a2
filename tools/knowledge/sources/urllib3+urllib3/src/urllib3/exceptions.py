        message = f"Max retries exceeded with url: {url} (Caused by {reason!r})"
        message = f"Failed to resolve '{host}' ({reason})"
