      'Request failed with status code ' + response.status,
