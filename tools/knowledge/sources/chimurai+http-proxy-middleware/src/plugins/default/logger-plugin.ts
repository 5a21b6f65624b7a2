    const errorMessage = '[HPM] Error occurred while proxying request %s to %s [%s] (%s)';
