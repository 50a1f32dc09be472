// Chart.js with only the parts the reports draw (bars and lines), registered once. Loaded on
// demand by ReportChart, so the library stays out of every other screen's JavaScript.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend)

export { Chart }
