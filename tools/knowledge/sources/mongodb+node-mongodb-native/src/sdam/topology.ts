          `Server selection timed out after ${timeout?.duration} ms`,
