// The kNN detector's default neighbour rank (knn.ts). No tfjs here: the page shows it as a setting's default.
export const DEFAULT_KNN_K = 50;
