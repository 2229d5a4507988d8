using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OtpDeliverySequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Send records live ten minutes; dropping them lets every account start its sequence afresh.
            migrationBuilder.Sql("DELETE FROM OtpDeliveries;");

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "OtpDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_OtpDeliveries_UserId_Sequence",
                table: "OtpDeliveries",
                columns: new[] { "UserId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OtpDeliveries_UserId_Sequence",
                table: "OtpDeliveries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "OtpDeliveries");
        }
    }
}
